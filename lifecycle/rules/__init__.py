"""The rules of docs/rules.md, one module per part: reg 2, 4, 5, 6, 7, 8, the Act and the rulebooks."""
