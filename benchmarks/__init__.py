"""`make benchmark`: the portal under production settings against a bare
Django view, loaded with wrk. Tooling only; nothing in the product imports it."""
