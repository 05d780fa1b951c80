using System.Runtime.CompilerServices;

// The tests draw one face with two expressions to check that the difference is where it should be.
[assembly: InternalsVisibleTo("EmoAug.Tests")]
