"""Publish stage: a release of the store as open data (dumps, DCAT, VoID, a static site).

The entry point is `kg.publish.site.publish` (the data alone:
`kg.publish.publisher.publish_data`); this package imports nothing itself, so
that the web layer can read `kg.publish.settings` without loading the rest.
"""
