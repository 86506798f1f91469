"""The coordinators' review web page: Flask routes and the templates and static files they render.

Routes only: every action calls ``review.service.ReviewService`` as the logged-in user, so the command line
and the page follow the same rules and write the same audit. ``app.create_app`` builds the application;
``server.serve`` runs it under waitress.
"""
