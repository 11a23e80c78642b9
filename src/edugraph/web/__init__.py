"""The web face of the built graph (`edugraph serve`): pages, dereferenceable IRIs and a SPARQL endpoint.

`app.create_app(project, backend)` builds the Starlette application; route
modules (each with a `routes` list) are named in `app.ROUTE_MODULES`.
"""
