package dev.faultline.web.auth;

import dev.faultline.store.UserRepository;
import dev.faultline.store.UserRepository.StoredUser;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users: the first admin through the one-time setup link, sign-in checks, and the admin's
 * changes. Form input comes in as text and goes back as errors per field.
 */
final class Accounts {

    static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024; // Argon2 takes any length; a megabyte "password" is only a way to burn CPU
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;
    private volatile String setupToken; // null once there is a user

    Accounts(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
        // A new link at each start while nobody can sign in; none once somebody can.
        this.setupToken = users.isEmpty() ? Secrets.random() : null;
    }

    /** The setup link's token while there is no user yet. */
    Optional<String> setupToken() {
        return Optional.ofNullable(setupToken);
    }

    boolean setupValid(String token) {
        String current = setupToken;
        if (current == null || !Secrets.same(current, token)) return false;
        if (!users.isEmpty()) { // a user was added meanwhile, e.g. with faultline user add
            setupToken = null;
            return false;
        }
        return true;
    }

    /** Creates the first admin with the setup link; errors per field, empty on success (the link is then gone). */
    Map<String, String> setUp(String token, String name, String password, String confirm) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!setupValid(token)) {
            errors.put("token", "this setup link was used already or is out of date");
            return errors;
        }
        errors.putAll(check(name, password, confirm));
        if (!errors.isEmpty()) return errors;
        synchronized (this) {
            if (!setupValid(token) || !users.insertFirst(normal(name), Role.ADMIN.id(), hasher.hash(password), clock.instant())) {
                errors.put("token", "this setup link was used already");
                return errors;
            }
            setupToken = null;
        }
        return errors;
    }

    /** The user, when the name and password match; a wrong name and a wrong password look and take the same. */
    Optional<Principal> verify(String name, String password) {
        if (name == null || password == null || password.length() > MAX_PASSWORD) return Optional.empty();
        Optional<StoredUser> user = users.find(normal(name));
        boolean ok = user.isPresent() ? hasher.matches(password, user.get().passwordHash()) : hasher.matchesNobody(password);
        return ok ? user.map(u -> new Principal(u.name(), Role.parse(u.role()))) : Optional.empty();
    }

    List<StoredUser> all() {
        return users.all();
    }

    /** Adds a user; errors per field, empty on success. */
    Map<String, String> add(String name, String role, String password, String confirm) {
        Map<String, String> errors = new LinkedHashMap<>(check(name, password, confirm));
        Optional<Role> parsed = role(role, errors);
        if (!errors.isEmpty()) return errors;
        if (!users.insert(normal(name), parsed.get().id(), hasher.hash(password), clock.instant())) {
            errors.put("username", "a user named '" + normal(name) + "' exists already");
        }
        return errors;
    }

    /** Changes a user's role; the error, or empty on success. The last admin stays an admin. */
    Optional<String> changeRole(String name, String role) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Role> parsed = role(role, errors);
        if (parsed.isEmpty()) return Optional.of(errors.get("role"));
        synchronized (this) {
            Optional<StoredUser> user = users.find(name);
            if (user.isEmpty()) return Optional.of("no user named '" + name + "'");
            if (lastAdmin(user.get()) && parsed.get() != Role.ADMIN) {
                return Optional.of("'" + name + "' is the only admin: make another user admin first");
            }
            users.changeRole(name, parsed.get().id());
        }
        return Optional.empty();
    }

    /** Removes a user and ends their sessions; the error, or empty on success. The last admin stays. */
    Optional<String> remove(String name) {
        synchronized (this) {
            Optional<StoredUser> user = users.find(name);
            if (user.isEmpty()) return Optional.of("no user named '" + name + "'");
            if (lastAdmin(user.get())) return Optional.of("'" + name + "' is the only admin and cannot be removed");
            users.delete(name);
        }
        return Optional.empty();
    }

    static String normal(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }

    private boolean lastAdmin(StoredUser user) {
        return user.role().equals(Role.ADMIN.id()) && users.count(Role.ADMIN.id()) <= 1;
    }

    private static Optional<Role> role(String role, Map<String, String> errors) {
        try {
            return Optional.of(Role.parse(role == null ? "" : role));
        } catch (IllegalArgumentException e) {
            errors.put("role", e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, String> check(String name, String password, String confirm) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!NAME.matcher(normal(name)).matches()) {
            errors.put("username", "use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            errors.put("password", "use at least " + MIN_PASSWORD + " characters");
        } else if (password.length() > MAX_PASSWORD) {
            errors.put("password", "use at most " + MAX_PASSWORD + " characters");
        } else if (!password.equals(confirm)) {
            errors.put("password_confirm", "the two passwords differ");
        }
        return errors;
    }
}
