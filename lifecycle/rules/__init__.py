"""The rules of RULES.md, one module per part: reg 2, 4, 5, 6, 7, 8 and the rulebooks."""
