// Starts Swagger UI on the API reference page, reading this server's own OpenAPI document.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    defaultModelsExpandDepth: 0,
    // Swagger UI's server list has no label of its own; name it once it is drawn.
    onComplete: function () {
      var servers = document.querySelector('#swagger-ui select#servers');
      if (servers) servers.setAttribute('aria-label', 'Server');
    },
  });
});
