"""Linked-data views of the store, for `kg serve` (`kg.web`) and `kg publish`
(`kg.publish.site`) alike: a resource's page (`page`, read by `reader`, modelled in
`model`) and its description in RDF (`describe`); the templates and their static files
(`render`), in two languages (`i18n`, `messages`); the list pages (`listings`), the
vocabulary pages (`vocabulary`) and the SPARQL service description (`service`).

Nothing here knows of HTTP: the routes that parse a request and answer with these views
are `kg.web`'s.
"""
