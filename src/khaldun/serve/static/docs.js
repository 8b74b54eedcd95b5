// swagger-ui over the server's own OpenAPI document (no CDN: the bundle is vendored).
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
