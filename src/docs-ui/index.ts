export { DOCS_ASSET_NAMES, type DocsAsset, readDocsAsset } from "./assets.js";
export {
  oauth2RedirectHtml,
  type RedocOptions,
  redocHtml,
  SWAGGER_UI_DEFAULT_PARAMETERS,
  type SwaggerUiOptions,
  swaggerUiHtml,
} from "./pages.js";
