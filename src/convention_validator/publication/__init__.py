"""Publication of conventions as linked data: plain RDF, DCAT-AP, harvest into a store."""
