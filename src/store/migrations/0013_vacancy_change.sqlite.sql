CREATE TRIGGER vacancy_change_insert AFTER INSERT ON vacancy
BEGIN
    UPDATE vacancy_change SET n = n + 1;
END;
CREATE TRIGGER vacancy_change_update AFTER UPDATE ON vacancy
BEGIN
    UPDATE vacancy_change SET n = n + 1;
END;
CREATE TRIGGER vacancy_change_delete AFTER DELETE ON vacancy
BEGIN
    UPDATE vacancy_change SET n = n + 1;
END;
