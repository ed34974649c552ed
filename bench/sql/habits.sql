-- The personas' habits, as compare, rank and publish measure them: each
-- persona's current score on each of the 500 most recently added tools.
WITH recent AS (
  SELECT tool_id, persona_id, score,
         row_number() OVER (PARTITION BY tool_id, persona_id
                            ORDER BY reviewed_at DESC, recorded_at DESC, id DESC) AS latest
  FROM review
  WHERE tool_id >= coalesce((SELECT id FROM tool ORDER BY id DESC LIMIT 1 OFFSET 499), 0)
)
SELECT persona_id, count(score) AS scored, sum(score) AS total
FROM recent WHERE latest = 1 AND score IS NOT NULL GROUP BY persona_id;
