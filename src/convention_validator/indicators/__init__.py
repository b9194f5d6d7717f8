"""National indicators of the data partnership, computed by the standard's SPARQL queries on a quad store.

`queries` loads the shipped `.rq` files, `running` runs them on any `QuadStore`, `coverage` joins the
covered QPV with the official list, and `csv_output`, `json_output`, `html_report` write the results.
"""
