// Starts Swagger UI from the bundled copy; kept out of the page so the CSP can forbid inline script.
(function () {
  var el = document.getElementById("swagger-ui");
  // eslint-disable-next-line no-undef
  SwaggerUIBundle({ url: el.getAttribute("data-openapi"), dom_id: "#swagger-ui" });
})();
