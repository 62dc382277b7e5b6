-- Once per statement: a statement that writes many vacancies is one change to the board.
CREATE FUNCTION vacancy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vacancy_change SET n = n + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER vacancy_change AFTER INSERT OR UPDATE OR DELETE ON vacancy
    FOR EACH STATEMENT EXECUTE FUNCTION vacancy_changed();
