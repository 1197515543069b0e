package dev.faultline.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs twice: against SQLite in a temporary folder, and against the PostgreSQL
 * server on 127.0.0.1:5432 in a schema of its own, dropped afterwards. The test takes a
 * {@link TestDatabase} parameter to open stores on it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EachDatabase.class)
public @interface DatabaseTest {
}
