"""The foundation every stage stands on: settings, models, errors, templating, logging, paths.

Imports nothing else from publisher; everything else may import it.
"""
