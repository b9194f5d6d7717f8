"""The web workspace (`convention-validator serve`): validation API, explorer of a store, convention editor."""
