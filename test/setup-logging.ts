// Test files serve apps on real sockets by the dozen: the shared logger keeps to warnings and
// errors there, as a quiet server would (tests that check the access log configure it).
import { logger } from "../src/logging/logger.js";

logger.configure({ level: "warn" });
