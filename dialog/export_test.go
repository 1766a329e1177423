package dialog

// WorkingAnswer exposes workingAnswer to the tests.
var WorkingAnswer = workingAnswer
