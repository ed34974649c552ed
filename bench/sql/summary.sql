-- rank --limit 20 and list --category C: each tool's panel figures from its
-- current review per active persona, its community tally, then ordered as
-- toolcmp orders them. @WHERE@ and @ORDER@ say which tools and how many.
WITH current AS (
  SELECT t.id AS tool_id, p.weight,
         (SELECT score FROM review WHERE tool_id = t.id AND persona_id = p.id
          ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1) AS score,
         (SELECT verdict FROM review WHERE tool_id = t.id AND persona_id = p.id
          ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1) AS verdict
  FROM tool t JOIN persona p ON p.removed_at IS NULL @WHERE@
), panel AS (
  SELECT tool_id, sum(verdict = 'ship') AS ship, sum(verdict = 'skip') AS skip,
         round(sum(weight * score) / sum(CASE WHEN score IS NOT NULL THEN weight END), 1) AS mean
  FROM current GROUP BY tool_id
), figures AS (
  SELECT t.name, t.name_key, t.category, panel.ship, panel.skip,
         coalesce(100.0 * panel.ship / nullif(panel.ship + panel.skip, 0), t.published_ship_pct) AS ship_pct,
         panel.mean,
         (SELECT count(*) FROM vote WHERE tool_id = t.id) AS votes,
         100.0 * (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship')
               / nullif((SELECT count(*) FROM vote WHERE tool_id = t.id), 0) AS community_pct
  FROM tool t LEFT JOIN panel ON panel.tool_id = t.id @WHERE@
)
SELECT name, category, ship, skip, ship_pct, mean, votes FROM figures @ORDER@;
