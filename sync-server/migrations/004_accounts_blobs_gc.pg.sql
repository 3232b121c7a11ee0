-- Issue 9: accounts, attachments and tombstone collection, in one version.
-- Each section below is owned by one part of the change; keep the markers.

-- == accounts: users with passwords and roles, grants, sessions, tablets, number blocks ==
-- == end accounts ==

-- == blobs: attachment bytes, content-addressed per tenant, uploaded in chunks ==
-- == end blobs ==

-- == gc: tombstone collection horizon per tenant ==
-- == end gc ==
