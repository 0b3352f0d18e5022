# The inference service in a container: `docker build -t tailor-inference .`, then
# `docker run -p 8000:8000 tailor-inference`. BASE_IMAGE is any Debian-like image with node 20
# and npm (and a compiler for better-sqlite3 when no prebuilt binary can be downloaded).
ARG BASE_IMAGE=node:20-bookworm

# --- what npm ci reads of package.json ------------------------------------------------------
# An edit to scripts or metadata then leaves the dependency layer below cached.
FROM ${BASE_IMAGE} AS manifest
WORKDIR /app
COPY package.json ./
RUN node -e 'const p = require("./package.json"); \
  const keys = ["name", "version", "type", "engines", "bin", "dependencies", "devDependencies", "allowScripts"]; \
  require("fs").writeFileSync("deps.json", JSON.stringify(Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k]])), null, 2));'

# --- production dependencies only ------------------------------------------------------------
FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifest /app/deps.json ./package.json
COPY package-lock.json ./
# A registry CA the network needs comes in as a build secret, so it never lands in a layer;
# Debian's nodejs ships its headers, which spares node-gyp a download; the lock file is written
# by npm 11, which older ones (Debian's 9, node 20's 10) misread, so this stage updates npm.
RUN --mount=type=secret,id=npm_ca \
    if [ -s /run/secrets/npm_ca ]; then export NPM_CONFIG_CAFILE=/run/secrets/npm_ca; fi; \
    if [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir=/usr; fi; \
    case "$(npm --version)" in [0-9].* | 10.*) npm install --global --no-audit --no-fund npm@11 && hash -r ;; esac; \
    npm ci --omit=dev --no-audit --no-fund \
    && rm -rf /root/.npm /root/.cache

# --- runtime -----------------------------------------------------------------------------------
FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATABASE_PATH=/data/inference.db
WORKDIR /app
# files stay root's: the service can read its code, not rewrite it
RUN groupadd --system --gid 10001 tailor \
    && useradd --system --uid 10001 --gid tailor --no-create-home --home-dir /nonexistent tailor \
    && mkdir /data && chown tailor:tailor /data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
COPY examples/inference ./examples/inference
# the only place the service writes: its document store (and the job queue's file, if JOBS_DB says so)
VOLUME /data
USER tailor
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec form: node is PID 1 and receives `docker stop`'s SIGTERM itself (no shell in between);
# it drains for up to 25 s, so give `docker stop` more than that (`-t 30`, compose's stop_grace_period)
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "examples/inference/serve.ts"]
