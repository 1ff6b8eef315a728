// govgraph serve: the query page. YASGUI (installed from npm, served by this server) set up so that it calls
// nothing but this server: the endpoint is ours, no endpoint catalogue, no LOV or prefix.cc look-ups, no
// persistence across visits, and one tab per query of the library.
(function () {
  "use strict";
  var endpoint = new URL("/sparql", window.location.href).href;
  var examples = JSON.parse(document.getElementById("library-queries").textContent);
  var prefixes = JSON.parse(document.getElementById("prefixes").textContent);
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.prefixCcApi = null;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; }, keys: [] },
    persistenceId: null,
    populateFromUrl: false,
    autoAddOnInit: false,
    yasqe: { autocompleters: ["prefixes", "variables"], prefixCcApi: null, persistenceId: null,
             editorHeight: "260px" },
    yasr: { persistenceId: null, prefixes: prefixes }
  });
  examples.forEach(function (example, index) {
    yasgui.addTab(index === 0, {
      name: example.title,
      yasqe: { value: example.query },
      requestConfig: { endpoint: endpoint, method: "POST" }
    });
  });
  window.govgraphYasgui = yasgui;
  // Result IRIs of the dataset open their page on this server, not on w3id.org.
  var base = "https://w3id.org/govgraph/";
  new MutationObserver(function () {
    document.querySelectorAll('#yasgui a[href^="' + base + '"]').forEach(function (link) {
      link.setAttribute("href", "/" + link.getAttribute("href").slice(base.length));
      link.removeAttribute("target");
    });
  }).observe(document.getElementById("yasgui"), { childList: true, subtree: true });
})();
