package storage

// TimersLock is timersLock, for the test that holds it.
const TimersLock = timersLock
