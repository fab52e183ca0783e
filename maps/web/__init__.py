"""The interactive web map (folium/Leaflet): the app's map, its layers, offline assets,
the on-disk layer cache and the standalone HTML files."""
