package dev.faultline.store;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** Provides one invocation per database for {@link DatabaseTest}s, each with a fresh, private database. */
final class EachDatabase implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        // -Dfaultline.test.databases=postgresql runs one database only, e.g. for a slow measurement.
        String only = System.getProperty("faultline.test.databases", "sqlite,postgresql");
        return Stream.of(invocation("sqlite", TestDatabase.Sqlite::new), invocation("postgresql", TestDatabase.Postgres::new))
                .filter(invocation -> only.contains(invocation.getDisplayName(0)));
    }

    private static TestTemplateInvocationContext invocation(String name, Supplier<TestDatabase> database) {
        return new TestTemplateInvocationContext() {
            private TestDatabase current;

            @Override
            public String getDisplayName(int invocationIndex) {
                return name;
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new ParameterResolver() {
                    @Override
                    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                        return parameter.getParameter().getType() == TestDatabase.class;
                    }

                    @Override
                    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                        current = database.get();
                        return current;
                    }
                }, (AfterEachCallback) extension -> {
                    if (current != null) current.close();
                });
            }
        };
    }
}
