// The SPARQL editor: YASGUI on this server's /sparql, one tab per catalogue query, no outside requests
// (the prefix and class/property autocompleters would ask prefix.cc and LOV; only the local ones stay on).
(function () {
  var tabs = JSON.parse(document.getElementById("catalogue").textContent);
  var endpoint = new URL("/sparql", window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    yasqe: { autocompleters: ["variables"], showQueryButton: true },
  });
  tabs.forEach(function (tab, i) {
    yasgui.addTab(i === 0, { name: tab.name, yasqe: { value: tab.query }, requestConfig: { endpoint: endpoint } });
  });
  window.edugraphYasgui = yasgui;
  // an edugraph IRI in the results opens its page on this server, not on w3id.org
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="https://w3id.org/edugraph/"]');
    if (!link) return;
    event.preventDefault();
    window.location.href = link.getAttribute("href").replace("https://w3id.org/edugraph", "");
  }, true);
})();
