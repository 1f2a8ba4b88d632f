DROP TABLE memberships;
DROP FUNCTION count_memberships();
