// Starts Swagger UI on /api/v1/docs from the spec URL in the page (no inline script: CSP).
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,  // never ask validator.swagger.io: the service may have no internet
    defaultModelsExpandDepth: 0,
    displayOperationId: true,
    persistAuthorization: false
  });
});
