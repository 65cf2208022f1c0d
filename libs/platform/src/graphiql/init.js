/* global React, ReactDOM, GraphiQL */
// Starts GraphiQL against this server. A JSON content type keeps Apollo's CSRF prevention satisfied;
// an access token goes in the Headers tab: {"Authorization": "Bearer <accessToken from login>"}.
(function () {
  function fetcher(params, options) {
    var headers = Object.assign(
      { 'content-type': 'application/json', accept: 'application/json' },
      (options && options.headers) || {},
    );
    return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) {
      return r.json();
    });
  }
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery:
        '# Sign in first (Mutation.login), then put {"Authorization": "Bearer <accessToken>"} in Headers.\n' +
        'query PublicBodies {\n  coordinationBodies(first: 10) {\n    totalCount\n    edges { node { name acronym kind level } }\n  }\n}\n',
    }),
  );
})();
