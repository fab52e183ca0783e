"""English templates of the messages about a file as a whole: an incident file that cannot
be read (``import.*``), the layer files a user uploads (places file, curated layer, COD-AB
file: ``places.*``, ``curated.*``, ``cod.*``, and where a problem is, ``at.*``) and a
reference line (``line.*``). Part of :data:`incidents.messages.EN` (one table of keys);
kept here so that module stays short. Russian: :mod:`i18n.messages_ru`.
"""
from __future__ import annotations

FILE_EN: dict[str, str] = {
    # layer files a user uploads (geo.places_file, layers.curated, layers.cod_ab): where a
    # problem is ({file}: the file's name as given), the heads of a list of problems
    "at.row_field": "{file}: row {row}, field '{field}'",
    "at.feature_field": "feature {feature}, field '{field}'",
    "at.file_field": "file, field '{field}'",
    "places.problems": "{n} problem(s) in the places file:",
    "curated.problems": "{file}: {n} problem(s) in the curated layer:",
    "problems.more": "... and {n} more",
    "file.unreadable": "cannot read: {detail}",
    "file.empty": "the file is empty",
    "value.missing": "missing",
    "column.missing": "missing required column",
    "column.unknown": "unknown column; expected {expected}",
    "row.field_count": "has {n} fields, the header has {n_header}",
    "places.control": "holds a control character (such as NUL or ESC): remove it",
    "places.no_name": "missing: every place needs a name",
    "places.not_number": "'{value}' is not a number (decimal degrees, e.g. 40.0604)",
    "places.lat_range": "latitude {value} is not between -90 and 90",
    "places.lon_range": "longitude {value} is not between -180 and 180",
    "places.outside": "point ({lat}, {lon}) is outside the project region (lat {lat_range}, "
                      "lon {lon_range})",
    "places.outside_swapped": "point ({lat}, {lon}) is outside the project region (lat "
                              "{lat_range}, lon {lon_range}); lat and lon look swapped",
    "places.country_missing": "missing (KGZ, TJK or UZB)",
    "places.country_unknown": "unknown country '{value}' (use KGZ/TJK/UZB or KG/TJ/UZ)",
    "curated.date_missing": "missing (required: ISO date YYYY-MM-DD)",
    "curated.not_iso_date": "'{value}' is not an ISO date YYYY-MM-DD",
    "curated.future": "'{value}' is in the future",
    "curated.geometry_type": "type '{value}' not allowed (use {allowed})",
    "curated.malformed": "malformed coordinates ({detail})",
    "curated.empty_geometry": "empty",
    "curated.invalid_geometry": "invalid ({detail})",
    "curated.outside": "coordinates outside the region lon {lon_range}, lat {lat_range}",
    "curated.outside_swapped": "coordinates outside the region lon {lon_range}, lat "
                               "{lat_range} (looks like latitude and longitude are swapped)",
    "curated.not_feature": "not a GeoJSON Feature",
    "curated.id_missing": "missing (required, unique)",
    "curated.source_missing": "missing (required: who or what says so)",
    "curated.kind_mismatch": "'{value}' does not match a {geometry} (expected '{expected}')",
    "curated.not_json": "not valid UTF-8 JSON ({detail})",
    "curated.not_collection": "not a GeoJSON FeatureCollection",
    "curated.crs": "'{value}' given; coordinates must be WGS84 lon/lat",
    "curated.duplicate_id": "duplicate '{value}' (first at feature {first})",
    "cod.unreadable": "{file}: cannot read as a vector file ({detail})",
    "cod.schema": "{file}: not a recognised COD-AB admin-2 file. Expected the columns of one "
                  "schema ({expected}); found: {found}",
    "cod.country_codes": "{file}: field ADM0_PCODE has unsupported or empty country codes "
                         "{codes}; supported: {supported}",
    # incidents.importers: the file as a whole cannot be read ({file}: its name as given)
    "import.empty": "{file}: the file is empty",
    "import.header_only": "{file}: only a header row (row {row}), no data rows",
    "import.not_found": "{file}: file not found",
    "import.unknown_format": "unknown format '{value}'; use auto or one of {allowed}",
    "import.container_format": "{file}: a {container} file cannot be read as '{value}'",
    "import.mapping_unknown": "{file}: mapping names unknown field(s) {unknown}; known "
                              "fields: {known}",
    "import.mapping_missing": "{file}: mapped column(s) {missing} not in the file; columns "
                              "are: {columns}",
    "import.not_table": "{file}: a {kind} file, not an incident table; import CSV, XLSX, "
                        "GeoJSON or GeoPackage (in QGIS or Google Earth, save the layer as "
                        "GeoJSON or CSV first)",
    "import.xls": "{file}: old Excel .xls workbooks are not supported; save it as .xlsx or CSV",
    "import.utf16": "{file}: unreadable UTF-16 text ({detail})",
    "import.encoding": "{file}: unreadable encoding (tried UTF-8, UTF-16, {tried}); save the "
                       "file as 'CSV UTF-8' and try again",
    "import.encoding_unsure": "{file}: unreadable encoding (tried UTF-8, UTF-16, {tried}); save "
                              "the file as 'CSV UTF-8' and try again (best guess {encoding}, "
                              "confidence {confidence:.2f})",
    "import.encoding_fails": "{file}: unreadable encoding (tried UTF-8, UTF-16, {tried}); save "
                             "the file as 'CSV UTF-8' and try again (the guess {encoding} "
                             "fails at byte {byte})",
    "import.encoding_tie": "{file}: cannot tell the text encoding, the letters read "
                           "differently in each ({readings}); save the file as 'CSV UTF-8' "
                           "and try again",
    "import.binary": "{file}: binary content, not a text table",
    "import.no_date": "{file}: no date column found (looked for headers such as 'date', "
                      "'Дата', 'event_date'); columns are: {columns}. Give the mapping "
                      "explicitly, e.g. mapping={{'event_date': 'My date column'}}",
    "import.kobo_no_date": "{file}: no date column found (an incident-date question, or "
                           "KoBo's 'today'/'start'); columns are: {columns}",
    "import.no_column": "{file}: {label} file without its '{column}' column",
    "import.not_xlsx": "{file}: not an XLSX workbook (old .xls files: save as .xlsx)",
    "import.bad_xlsx": "{file}: not an XLSX workbook ({detail})",
    "import.unreadable_xlsx": "{file}: unreadable XLSX workbook ({detail})",
    "import.xlsx_expands": "{file}: the workbook expands to {mb:,.0f} MB, more than the limit "
                           "of {limit} MB ({compressed:,.1f} MB compressed); split it into "
                           "smaller files or save the sheet as CSV",
    "import.too_many_rows": "{file}: more than {limit:,} data rows (the limit per file); split "
                            "it into smaller files",
    "import.too_many_cells": "{file}: {rows:,} rows × {columns:,} columns is more than the "
                             "limit of {limit:,} cells; drop unused columns or split the file",
    "import.long_cell": "{file}: a cell ending at or after line {line} is longer than "
                        "{limit:,} characters, the limit for one cell; shorten it (or, if no "
                        "cell is that long, a quote opened there never closes)",
    "import.open_quote": "{file}: a quote opened in a cell never closes: the file ends inside "
                         "it (line {line}); close the quote or remove it",
    "import.bad_quoting": "{file}: broken CSV quoting at line {line} ({detail})",
    "import.bad_vector": "{file}: not a readable {fmt} file ({detail})",
    "import.no_features": "{file}: the layer has no features",
    # geo.reference_line: a user's reference line file
    "line.bad_date": "the line's date '{value}' is not yyyy, yyyy-mm or yyyy-mm-dd",
    "line.no_name": "the line needs a name (e.g. 'Treaty annex, digitised')",
    "line.not_geojson": "not a GeoJSON file ({detail})",
    "line.no_features": "a GeoJSON FeatureCollection with features is needed",
    "line.unreadable_geometry": "feature {feature}: unreadable geometry",
    "line.polygon_side": "feature {feature}: a polygon needs property side = KG, TJ or UZ",
    "line.no_area": "feature {feature}: the polygon encloses no area",
    "line.line_side": "feature {feature}: a line needs property left_side = KG or TJ",
    "line.kind": "feature {feature}: only polygons and lines are accepted",
}
