// Swagger UI for /docs: started from this file, not an inline script, so the console's
// Content-Security-Policy (script-src 'self') holds. No validator badge (it would call validator.swagger.io).
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.document,
    domNode: root,
    deepLinking: true,
    validatorUrl: null,
    persistAuthorization: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
