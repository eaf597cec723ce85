-- media family (issue #4): tables added by this family.
SELECT 1;
