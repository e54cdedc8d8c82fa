package org.openreco.recommender.login;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleHandlerTest {

    @Test
    void basic_credentials_in_any_case_are_a_login_attempt() {
        assertTrue(LoginThrottleHandler.isLoginAttempt("GET", "/api/v1/catalogues", "Basic YWRtaW46eA=="));
        assertTrue(LoginThrottleHandler.isLoginAttempt("GET", "/api/v1/catalogues", "basic YWRtaW46eA=="));
    }

    @Test
    void the_console_form_posted_to_j_security_check_is_a_login_attempt() {
        assertTrue(LoginThrottleHandler.isLoginAttempt("POST", "/j_security_check", null));
        assertFalse(LoginThrottleHandler.isLoginAttempt("GET", "/j_security_check", null));
    }

    @Test
    void api_keys_and_anonymous_calls_are_not() {
        assertFalse(LoginThrottleHandler.isLoginAttempt("GET", "/api/v1/catalogues/shop/items/a", "Bearer rk_abc"));
        assertFalse(LoginThrottleHandler.isLoginAttempt("POST", "/api/v1/catalogues/shop/events", null));
        assertFalse(LoginThrottleHandler.isLoginAttempt("GET", "/", null));
    }
}
