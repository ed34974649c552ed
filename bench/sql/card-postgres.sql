-- card.sql in PostgreSQL's spelling: what compare A B --json reads, as
-- psql runs it against the same server (bench/postgres). @TOOLS@ is the
-- list of name keys.
SET search_path = toolcmp;
WITH picked(id) AS (SELECT id FROM tool WHERE name_key IN (@TOOLS@)),
current AS (
  SELECT picked.id AS tool_id, p.position, p.name AS persona, p.weight, r.score, r.verdict, r.text,
         r.reviewed_at, r.source, r.recorded_at,
         (SELECT json_agg(source) FROM review_source WHERE review_id = r.id) AS also_from
  FROM picked JOIN persona p ON p.removed_at IS NULL
  JOIN review r ON r.id = (SELECT id FROM review WHERE tool_id = picked.id AND persona_id = p.id
                           ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1)
)
SELECT t.name, t.vendor, t.category, t.tagline, t.description, t.pricing, t.entry, t.license, t.url,
       t.published_ship_pct, t.published_votes_ship, t.published_votes_skip,
       (SELECT json_object_agg(key, value) FROM tool_attribute WHERE tool_id = t.id) AS attributes,
       (SELECT count(*) FILTER (WHERE verdict = 'ship') FROM current WHERE tool_id = t.id) AS panel_ship,
       (SELECT count(*) FILTER (WHERE verdict = 'skip') FROM current WHERE tool_id = t.id) AS panel_skip,
       (SELECT round((sum(weight * score) / sum(CASE WHEN score IS NOT NULL THEN weight END))::numeric, 1)
        FROM current WHERE tool_id = t.id) AS mean_score,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship') AS votes_ship,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'skip') AS votes_skip,
       (SELECT json_agg(json_build_object('persona', persona, 'score', score, 'verdict', verdict,
                                          'text', text, 'reviewed_at', reviewed_at, 'source', source,
                                          'recorded_at', recorded_at, 'also_from', also_from) ORDER BY position)
        FROM current WHERE tool_id = t.id) AS reviews
FROM picked JOIN tool t ON t.id = picked.id;
