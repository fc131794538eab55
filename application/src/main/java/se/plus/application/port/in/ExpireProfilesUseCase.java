package se.plus.application.port.in;

/** Reverts to Available every profile activation whose end has come, recorded and published. */
public interface ExpireProfilesUseCase {

    /** @return how many activations ended now */
    int expireDue();
}
