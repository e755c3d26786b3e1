// Placeholder: the simulator is built under issue 3.
System.Console.WriteLine("{}");
