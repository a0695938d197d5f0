"""SocialSafe: a personal privacy self-audit for staff who work with the public."""

__version__ = "0.1.0"
APP_NAME = "SocialSafe"
