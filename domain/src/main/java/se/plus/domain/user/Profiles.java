package se.plus.domain.user;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A user's profiles by number; immutable, and profile 1 "Available" is always among them. */
public final class Profiles {

    private static final Profiles STANDARD = new Profiles(List.of(Profile.available()));

    private final TreeMap<Integer, Profile> byNumber;

    private Profiles(Collection<Profile> profiles) {
        TreeMap<Integer, Profile> map = new TreeMap<>();
        for (Profile p : profiles) {
            Objects.requireNonNull(p, "profile");
            if (map.put(p.number(), p) != null) {
                throw new IllegalArgumentException("two profiles numbered " + p.number());
            }
        }
        map.putIfAbsent(Profile.AVAILABLE, Profile.available());
        this.byNumber = map;
    }

    /** The given profiles; profile 1 "Available" is added when missing. */
    public static Profiles of(Collection<Profile> profiles) {
        return new Profiles(profiles);
    }

    /** Only "Available": what a new user has. */
    public static Profiles standard() {
        return STANDARD;
    }

    public Optional<Profile> find(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** The profile with this number, or Available when there is none (a profile removed while active). */
    public Profile getOrAvailable(int number) {
        Profile p = byNumber.get(number);
        return p != null ? p : byNumber.get(Profile.AVAILABLE);
    }

    public Profile available() {
        return byNumber.get(Profile.AVAILABLE);
    }

    public boolean contains(int number) {
        return byNumber.containsKey(number);
    }

    /** Adds or replaces the profile with that number. */
    public Profiles with(Profile profile) {
        TreeMap<Integer, Profile> copy = new TreeMap<>(byNumber);
        copy.put(profile.number(), profile);
        return new Profiles(copy.values());
    }

    /** Removes a profile; profile 1 cannot be removed. */
    public Profiles without(int number) {
        if (number == Profile.AVAILABLE) {
            throw new IllegalArgumentException("profile 1 (Available) always exists");
        }
        TreeMap<Integer, Profile> copy = new TreeMap<>(byNumber);
        copy.remove(number);
        return new Profiles(copy.values());
    }

    /** All profiles, by number. */
    public List<Profile> all() {
        return List.copyOf(byNumber.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profiles && ((Profiles) o).byNumber.equals(byNumber);
    }

    @Override
    public int hashCode() {
        return byNumber.hashCode();
    }

    @Override
    public String toString() {
        return byNumber.values().toString();
    }
}
