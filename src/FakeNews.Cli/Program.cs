Console.WriteLine("fakenews");
