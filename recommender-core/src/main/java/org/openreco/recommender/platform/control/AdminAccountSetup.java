package org.openreco.recommender.platform.control;

import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.openreco.recommender.platform.entity.AdminAccount;

/**
 * Makes sure the console can be entered: the admin's password comes from ADMIN_PASSWORD when it is
 * set (and follows it when it changes), else one is generated on the first start and handed over in a
 * {@link PasswordFile file only the server's user can read} (bin/run prints it); the log says only where.
 */
public class AdminAccountSetup {

    private static final Logger LOG = Logger.getLogger(AdminAccountSetup.class.getName());
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final EntityManager em;
    private final PasswordHashes hashes;

    private final Path passwordFile;

    public AdminAccountSetup(EntityManager em, PasswordHashes hashes, Path passwordFile) {
        this.em = em;
        this.hashes = hashes;
        this.passwordFile = passwordFile;
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
                try {
                    PasswordFile.write(passwordFile, password);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot hand over the generated admin password in " + passwordFile
                            + " (set ADMIN_PASSWORD instead)", e);
                }
                LOG.warning("Admin password generated (stored only as a hash); it is in " + passwordFile
                        + ", readable only by the server's user: delete that file once you have noted it");
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
