-- compare A B --json and show A: each named tool's card and attributes,
-- its current review from each active persona (text included), its panel
-- figures and its vote tally. @TOOLS@ is the list of name keys.
WITH picked(id) AS (SELECT id FROM tool WHERE name_key IN (@TOOLS@)),
current AS (
  SELECT picked.id AS tool_id, p.position, p.name AS persona, p.weight, r.score, r.verdict, r.text,
         r.reviewed_at, r.source, r.recorded_at,
         (SELECT json_group_array(source) FROM review_source WHERE review_id = r.id) AS also_from
  FROM picked JOIN persona p ON p.removed_at IS NULL
  JOIN review r ON r.id = (SELECT id FROM review WHERE tool_id = picked.id AND persona_id = p.id
                           ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1)
)
SELECT t.name, t.vendor, t.category, t.tagline, t.description, t.pricing, t.entry, t.license, t.url,
       t.published_ship_pct, t.published_votes_ship, t.published_votes_skip,
       (SELECT json_group_object(key, value) FROM tool_attribute WHERE tool_id = t.id) AS attributes,
       (SELECT sum(verdict = 'ship') FROM current WHERE tool_id = t.id) AS panel_ship,
       (SELECT sum(verdict = 'skip') FROM current WHERE tool_id = t.id) AS panel_skip,
       (SELECT round(sum(weight * score) / sum(CASE WHEN score IS NOT NULL THEN weight END), 1)
        FROM current WHERE tool_id = t.id) AS mean_score,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship') AS votes_ship,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'skip') AS votes_skip,
       (SELECT json_group_array(json_object('persona', persona, 'score', score, 'verdict', verdict,
                                            'text', text, 'reviewed_at', reviewed_at, 'source', source,
                                            'recorded_at', recorded_at, 'also_from', json(also_from)))
        FROM (SELECT * FROM current WHERE tool_id = t.id ORDER BY position)) AS reviews
FROM picked JOIN tool t ON t.id = picked.id;
