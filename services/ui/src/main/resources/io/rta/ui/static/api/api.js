// Swagger UI over the specification's api.yaml (served next to this page with the JSON schemas it refers to).
// "Try it out" calls this server: the API's paths are under /rta/v2 here, whatever servers api.yaml lists.
window.addEventListener('load', () => {
  const apiBase = new URL('../../rta/v2', location.href).href;
  window.ui = SwaggerUIBundle({
    url: new URL('api.yaml', location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
    requestInterceptor: (request) => {
      const token = sessionStorage.getItem('rta.viewer.token');
      if (token && request.url.startsWith(apiBase)) {
        request.headers.Authorization = 'Bearer ' + token;
      }
      return request;
    },
    onComplete: () => {
      window.ui.specActions.updateJsonSpec(Object.assign({}, window.ui.specSelectors.specJson().toJS(),
        { servers: [{ url: apiBase, description: 'this server' }] }));
    },
  });
});
