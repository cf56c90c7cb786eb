"""The CYPP domain: what a plan is and what the 2010 regulations ask of a Board."""
