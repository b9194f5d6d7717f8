"""Sub-commands beyond `validate`, one module each; heavy imports stay inside the command bodies."""
