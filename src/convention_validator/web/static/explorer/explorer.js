// The explorer's map: the QPV contours (no background tiles), coloured by number of datasets;
// selecting a contour opens the QPV's page. The list of covered QPV on the page gives the same links.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var map = L.map(element, { preferCanvas: false, zoomSnap: 0.25, attributionControl: false });
  map.fitBounds([[41.2, -5.3], [51.2, 9.7]], { animate: false });
  var qpvUrl = element.getAttribute("data-qpv-url");

  function fill(datasets) {
    if (datasets >= 5) { return "#08519c"; }
    if (datasets >= 1) { return "#6baed6"; }
    return "#f0f0f0";
  }

  function style(feature) {
    var p = feature.properties;
    var open = p.openDatasets > 0;
    return {
      color: open ? "#7a3d00" : (p.datasets > 0 ? "#08306b" : "#8c8c8c"),
      weight: open ? 3 : 1,
      fillColor: fill(p.datasets),
      fillOpacity: 0.85,
      className: "qpv qpv-" + p.code + (p.conventions > 0 ? " qpv-covered" : "")
    };
  }

  fetch(element.getAttribute("data-geojson"))
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var covered = L.featureGroup();
      var layer = L.geoJSON(collection, {
        style: style,
        onEachFeature: function (feature, path) {
          var p = feature.properties;
          path.bindTooltip(p.name + " (" + p.code + ") — " + p.datasets, { sticky: true });
          path.on("click", function () { window.location.href = qpvUrl.replace("CODE", encodeURIComponent(p.code)); });
          if (p.conventions > 0) { covered.addLayer(path); }
        }
      }).addTo(map);
      if (covered.getLayers().length > 0) {
        map.fitBounds(covered.getBounds(), { maxZoom: 13, padding: [20, 20], animate: false });
      }
      element.setAttribute("data-loaded", String(layer.getLayers().length));
    });
})();
