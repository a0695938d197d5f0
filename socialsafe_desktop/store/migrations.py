"""Ordered schema migrations. Version N's statements take a version N-1 database to N.

Never edit a released migration: add a new one. tests/store checks that migrating an old
file gives exactly the schema a new file gets.
"""

MIGRATIONS: dict[int, tuple[str, ...]] = {
    # 1: the person, their audits over time, and where they are in the wizard.
    1: (
        """CREATE TABLE schema_version (
               version INTEGER NOT NULL PRIMARY KEY,
               applied_at TEXT NOT NULL)""",
        """CREATE TABLE profile (
               id INTEGER PRIMARY KEY CHECK (id = 1),
               data TEXT NOT NULL,
               updated_at TEXT NOT NULL)""",
        """CREATE TABLE audits (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               started_at TEXT NOT NULL,
               finished_at TEXT,
               current_step TEXT NOT NULL DEFAULT 'welcome',
               next_check TEXT)""",
        """CREATE TABLE visited_steps (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               step TEXT NOT NULL,
               visited_at TEXT NOT NULL,
               PRIMARY KEY (audit_id, step))""",
        """CREATE TABLE settings (
               key TEXT PRIMARY KEY,
               value TEXT NOT NULL)""",
    ),
    # 2: checklist decisions, chosen platforms, the search plan and what it found.
    2: (
        """CREATE TABLE platforms (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               pack_id TEXT NOT NULL,
               chosen INTEGER NOT NULL CHECK (chosen IN (0, 1)),
               source TEXT NOT NULL DEFAULT 'person',
               PRIMARY KEY (audit_id, pack_id))""",
        """CREATE TABLE item_status (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               pack_id TEXT NOT NULL,
               item_id TEXT NOT NULL,
               status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'done', 'not_for_me', 'later')),
               note TEXT NOT NULL DEFAULT '',
               updated_at TEXT NOT NULL,
               PRIMARY KEY (audit_id, pack_id, item_id))""",
        """CREATE TABLE planned_searches (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               search_id TEXT NOT NULL,
               position INTEGER NOT NULL,
               kind TEXT NOT NULL,
               text TEXT NOT NULL,
               enabled INTEGER NOT NULL DEFAULT 1,
               browser_only INTEGER NOT NULL DEFAULT 0,
               outcome TEXT NOT NULL DEFAULT '',
               note TEXT NOT NULL DEFAULT '',
               PRIMARY KEY (audit_id, search_id))""",
        """CREATE TABLE findings (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               normalised_url TEXT NOT NULL,
               url TEXT NOT NULL,
               title TEXT NOT NULL DEFAULT '',
               snippet TEXT NOT NULL DEFAULT '',
               platform TEXT,
               found_by TEXT NOT NULL DEFAULT '[]',
               decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'not_me', 'me_fine', 'me_action')),
               action TEXT NOT NULL DEFAULT '',
               note TEXT NOT NULL DEFAULT '',
               first_seen TEXT NOT NULL,
               updated_at TEXT NOT NULL,
               PRIMARY KEY (audit_id, normalised_url))""",
    ),
    # 3: findings the person added by hand (browser mode) are told apart from search results.
    3: (
        """ALTER TABLE findings ADD COLUMN origin TEXT NOT NULL DEFAULT 'search'
               CHECK (origin IN ('search', 'person'))""",
    ),
    # 4: re-checks (the answer to "Is this still set?", the items each audit showed, so items
    # added to a checklist later can be called new) and the evidence log (what was kept, and
    # the files the person added, by their SHA-256).
    4: (
        """ALTER TABLE item_status ADD COLUMN recheck TEXT NOT NULL DEFAULT ''
               CHECK (recheck IN ('', 'still_set', 'changed_back'))""",
        """CREATE TABLE audit_items (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               item_key TEXT NOT NULL,
               PRIMARY KEY (audit_id, item_key))""",
        """CREATE TABLE evidence (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               normalised_url TEXT NOT NULL,
               url TEXT NOT NULL,
               title TEXT NOT NULL DEFAULT '',
               snippet TEXT NOT NULL DEFAULT '',
               platform TEXT,
               kind TEXT NOT NULL CHECK (kind IN ('abuse', 'impersonation', 'harassment')),
               seen_utc TEXT NOT NULL,
               seen_local TEXT NOT NULL,
               note TEXT NOT NULL DEFAULT '',
               kept_at TEXT NOT NULL,
               UNIQUE (audit_id, normalised_url))""",
        """CREATE TABLE evidence_files (
               id INTEGER PRIMARY KEY AUTOINCREMENT,
               evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
               stored_name TEXT NOT NULL UNIQUE,
               original_name TEXT NOT NULL,
               sha256 TEXT NOT NULL,
               size INTEGER NOT NULL,
               added_at TEXT NOT NULL)""",
    ),
    # 5: forgotten accounts. Per audit, so a re-check can carry the accounts the person marked
    # as theirs into a new audit and ask those sites again. account_checks: one row per
    # username checked (the sites chosen, finished or not); account_results: what each site
    # answered (a check cut short resumes with the sites that have no row); account_hits: the
    # sites that said "found", with the person's answer (Mine / Not mine / Not sure), keep or
    # close, the day it was closed, and a note.
    5: (
        """CREATE TABLE account_checks (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               username TEXT NOT NULL,
               categories TEXT NOT NULL DEFAULT '[]',
               include_adult INTEGER NOT NULL DEFAULT 0 CHECK (include_adult IN (0, 1)),
               started_at TEXT NOT NULL,
               finished_at TEXT,
               PRIMARY KEY (audit_id, username))""",
        """CREATE TABLE account_results (
               audit_id INTEGER NOT NULL,
               username TEXT NOT NULL,
               site TEXT NOT NULL,
               category TEXT NOT NULL,
               outcome TEXT NOT NULL CHECK (outcome IN ('found', 'not_found', 'could_not_check')),
               reason TEXT NOT NULL DEFAULT '',
               status INTEGER,
               profile_url TEXT,
               site_url TEXT NOT NULL DEFAULT '',
               checked_at TEXT NOT NULL,
               PRIMARY KEY (audit_id, username, site),
               FOREIGN KEY (audit_id, username) REFERENCES account_checks(audit_id, username) ON DELETE CASCADE)""",
        """CREATE TABLE account_hits (
               audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
               username TEXT NOT NULL,
               site TEXT NOT NULL,
               category TEXT NOT NULL,
               profile_url TEXT,
               site_url TEXT NOT NULL DEFAULT '',
               decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'mine', 'not_mine', 'not_sure')),
               plan TEXT NOT NULL DEFAULT '' CHECK (plan IN ('', 'keep', 'close')),
               closed_on TEXT,
               note TEXT NOT NULL DEFAULT '',
               found_at TEXT NOT NULL,
               updated_at TEXT NOT NULL,
               PRIMARY KEY (audit_id, username, site))""",
    ),
}

SCHEMA_VERSION = max(MIGRATIONS)
