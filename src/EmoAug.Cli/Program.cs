using EmoAug.Cli;

return CommandRunner.Run(EmoAugCommands.Root(), args);
