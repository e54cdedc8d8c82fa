package org.openreco.recommender.platform.control;

import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.openreco.recommender.platform.entity.AdminAccount;

/**
 * Makes sure the console can be entered: the admin's password comes from ADMIN_PASSWORD when it is
 * set (and follows it when it changes), else one is generated on the first start and printed once.
 */
public class AdminAccountSetup {

    private static final Logger LOG = Logger.getLogger(AdminAccountSetup.class.getName());
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final EntityManager em;
    private final PasswordHashes hashes;

    public AdminAccountSetup(EntityManager em, PasswordHashes hashes) {
        this.em = em;
        this.hashes = hashes;
    }

    public void ensure(String configuredPassword) {
        boolean configured = configuredPassword != null && !configuredPassword.isBlank();
        AdminAccount admin = em.find(AdminAccount.class, AdminAccount.ADMIN);
        if (admin == null) {
            String password = configured ? configuredPassword : generatePassword();
            em.persist(new AdminAccount(AdminAccount.ADMIN, hashes.hash(password)));
            if (configured) {
                LOG.info("Admin account 'admin' created with the password from ADMIN_PASSWORD");
            } else {
                // The one deliberate exception to "secrets are never logged": nobody else could learn it.
                LOG.warning("Admin password (shown once, stored only as a hash): " + password);
            }
        } else if (configured && !hashes.matches(configuredPassword, admin.getPasswordHash())) {
            admin.changePasswordHash(hashes.hash(configuredPassword));
            LOG.info("Admin password changed to the one in ADMIN_PASSWORD");
        }
    }

    static String generatePassword() {
        var random = new SecureRandom();
        var password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
