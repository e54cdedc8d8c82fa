package org.openreco.recommender.admin;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** The password the test server's admin was created with, as bin/test and the ear pom pass it. */
final class AdminCredentials {

    private AdminCredentials() {
    }

    static String password() {
        String password = System.getenv("ADMIN_PASSWORD");
        for (var property : List.of("ADMIN_PASSWORD", "it.admin.password")) {
            if (password == null || password.isBlank()) {
                password = System.getProperty(property);
            }
        }
        if (password == null || password.isBlank()) {
            fail("set ADMIN_PASSWORD (environment, -DADMIN_PASSWORD or -Dit.admin.password) to the password the server's admin was created with");
        }
        return password;
    }
}
