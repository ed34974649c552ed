-- decision show ID --json and check: the decision's row with its snapshot,
-- its tools, and for each the current review from each active persona
-- and the vote tally (what "now" is made of). check reads every decision:
-- @ID@ replaced by a condition that holds for all.
WITH picked AS (SELECT d.id, d.title, d.snapshot, d.options, o.tool_id
                FROM decision d JOIN decision_tool o ON o.decision_id = d.id WHERE d.id = @ID@),
current AS (
  SELECT picked.id AS decision_id, picked.tool_id, p.name AS persona, p.weight, r.id AS review_id, r.score,
         r.verdict, r.reviewed_at
  FROM picked JOIN persona p ON p.removed_at IS NULL
  JOIN review r ON r.id = (SELECT id FROM review WHERE tool_id = picked.tool_id AND persona_id = p.id
                           ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1)
)
SELECT picked.id, picked.title, length(picked.snapshot), t.name,
       (SELECT json_group_array(json_object('persona', persona, 'score', score, 'verdict', verdict, 'id', review_id))
        FROM current WHERE current.decision_id = picked.id AND current.tool_id = t.id) AS reviews,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship') AS votes_ship,
       (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'skip') AS votes_skip,
       json_extract(picked.snapshot, '$.recommendation.tool')
FROM picked JOIN tool t ON t.id = picked.tool_id;
