-- decision show ID --json and check --json, in SQL: each decision's row
-- with its snapshot (show) or evidence (check), parsed; its tools with
-- their fields and attributes; each tool's current review from each
-- active persona, with its text for show; and each tool's vote tally;
-- and, from the document, the tool's reviews, tally and panel then.
-- bench/decisions fills in @WHERE@ (d.id = 500, or 1 for every decision),
-- @DOC@ (snapshot or evidence), @DOCOUT@ (the document itself, or only
-- its pick) and @TEXT@ (r.text, or '').
WITH picked AS (SELECT d.id, d.title, d.status, d.options, d.@DOC@ AS doc, o.position, o.tool_id
                FROM decision d JOIN decision_tool o ON o.decision_id = d.id WHERE @WHERE@),
current AS (
  SELECT picked.id AS decision_id, picked.tool_id, p.position, p.name AS persona, p.weight, r.id AS review_id,
         r.score, r.verdict, @TEXT@ AS text, r.reviewed_at, r.recorded_at, r.source
  FROM picked JOIN persona p ON p.removed_at IS NULL
  JOIN review r ON r.id = (SELECT id FROM review WHERE tool_id = picked.tool_id AND persona_id = p.id
                           ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1)
)
SELECT picked.id, picked.title, picked.status, @DOCOUT@,
       t.name, t.vendor, t.category, t.tagline, t.description, t.pricing, t.entry, t.license, t.url,
       (SELECT json_group_object(key, value) FROM tool_attribute WHERE tool_id = t.id) AS attributes,
       (SELECT json_group_array(json_object('id', review_id, 'persona', persona, 'score', score, 'verdict', verdict,
                                            'text', text, 'reviewed_at', reviewed_at))
        FROM (SELECT * FROM current WHERE current.decision_id = picked.id AND current.tool_id = t.id
              ORDER BY position)) AS reviews,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship') AS votes_ship,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'skip') AS votes_skip,
       -- then: the tool's figures and reviews as the decision kept them
       (SELECT json_group_array(json_object('id', json_extract(value, '$.id'), 'persona', json_extract(value, '$.persona'),
                                            'score', json_extract(value, '$.score'),
                                            'verdict', json_extract(value, '$.verdict')))
        FROM json_each(picked.doc, '$.tools[' || picked.position || '].reviews')) AS reviews_then,
       json_extract(picked.doc, '$.tools[' || picked.position || '].community') AS community_then,
       json_extract(picked.doc, '$.panel') AS panel_then
FROM picked JOIN tool t ON t.id = picked.tool_id
ORDER BY picked.id, picked.position;
